#!/bin/bash
# Runs once, when the PostgreSQL volume is new: Baton's own role and database, so Baton's tables
# live apart from Temporal's (which the temporal service creates itself).
set -euo pipefail
password="$(cat "$BATON_DB_PASSWORD_FILE")"
psql -v ON_ERROR_STOP=1 --username postgres --set=password="$password" <<'SQL'
create role baton login password :'password';
create database baton owner baton;
SQL
