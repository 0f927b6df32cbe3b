"""Partner documents and the value declaration:

checklist (what each framework asks for, a document's state, the annex rows), uploads (accepting
a file into a Screening; the bytes stay in a session FileStore), upload_check (is this file what
it says: file_names, sniffing, office, pdf_check), declaration (Mora's value declaration).
"""
