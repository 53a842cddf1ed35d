#!/bin/sh
# First start of the PostgreSQL container only (/docker-entrypoint-initdb.d; issue 12): Esep's
# own role and database. Esep connects as `esep`, the owner of database `esep` — not a superuser.
# Its migrations need no more: pg_trgm and btree_gist are trusted extensions, which a database's
# owner may create. The superuser `postgres` (POSTGRES_PASSWORD) stays for the operator and backups.
set -eu
: "${ESEP_DB_PASSWORD:?set ESEP_DB_PASSWORD in deploy/.env}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=esep_password="$ESEP_DB_PASSWORD" <<'SQL'
CREATE ROLE esep LOGIN PASSWORD :'esep_password';
CREATE DATABASE esep OWNER esep ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE esep FROM PUBLIC;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname esep <<'SQL'
-- PostgreSQL 15 no longer lets every role create in schema public; the owner of the database
-- gets it, so that Esep's migrations create their tables there.
ALTER SCHEMA public OWNER TO esep;
SQL
