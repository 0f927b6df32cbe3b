"""The council's side: the process steps per framework (data), officers, the yearly follow-up.

No Streamlit here. The case register's tables and transactions live in iop_core.storage.cases;
this package holds what is not storage: `process` (steps and decisions as cited data),
`officers` (who may use the register: local argon2 accounts, OpenID Connect claims) and
`followup` (Mora "Uppföljning": the yearly counts, as rows and CSV).
"""
