"""The council's side of the case register: who may use it, how a case moves, what is shown of it.

No Streamlit here. The register's tables and transactions live in iop_core.storage.cases; this
package holds what is not storage: `process` (steps and decisions per framework, as cited data),
`officers` (who may use the register: local argon2 accounts, OpenID Connect claims), `signin`
(throttle, sessions, sign-outs), `answers` (a case's answers and what changed between versions),
`log` (the change log in words), `clock` (Swedish time), `export` (CSV/XLSX, formula-guarded) and
`followup` (Mora "Uppföljning": the yearly counts, as rows and CSV).
"""
