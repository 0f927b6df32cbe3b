"""What the app shows and prints: summary, outline, comparison, triage, what-if, progress, PDF."""
