#!/bin/sh
# Runs once, on an empty data volume (docker-entrypoint-initdb.d). It sets up what an operator
# sets up on a managed PostgreSQL: a non-superuser login role that owns the database (each app
# creates its own schema and runs its migrations as this role), and the NOLOGIN role the apps
# switch to for row-level security, granted to the owner so it can SET ROLE to it.
set -eu

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$MAILLAGE_DB_USER" \
  -v password="$MAILLAGE_DB_PASSWORD" \
  -v app_role="$DATABASE_APP_ROLE" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE ROLE :"app_role" NOLOGIN;
GRANT :"app_role" TO :"owner";
ALTER DATABASE :"DBNAME" OWNER TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
SQL
