"""Co-financing budget: line vocabulary, maths and the CSV form."""
