#!/bin/sh
# Runs once, on an empty data volume (docker-entrypoint-initdb.d). It sets up what an operator
# sets up on a managed PostgreSQL:
# - a non-superuser login that owns the database: each app creates its own schema and runs its
#   migrations as it (DATABASE_MIGRATION_URL), on a connection closed once they are done;
# - the login the apps then work as (DATABASE_URL): it owns nothing, cannot bypass row-level
#   security, and receives at start what each schema's owner grants it;
# - the NOLOGIN role tenant transactions switch to under row-level security.
set -eu

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$MAILLAGE_DB_USER" \
  -v password="$MAILLAGE_DB_PASSWORD" \
  -v service_login="$MAILLAGE_SERVICE_DB_USER" \
  -v service_password="$MAILLAGE_SERVICE_DB_PASSWORD" \
  -v app_role="$DATABASE_APP_ROLE" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password' NOSUPERUSER CREATEROLE NOBYPASSRLS;
CREATE ROLE :"service_login" LOGIN PASSWORD :'service_password' NOSUPERUSER NOCREATEROLE NOBYPASSRLS;
CREATE ROLE :"app_role" NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT :"app_role" TO :"owner" WITH ADMIN OPTION;
GRANT :"app_role" TO :"service_login";
ALTER DATABASE :"DBNAME" OWNER TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
SQL
