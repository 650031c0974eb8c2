-- Runs once, when the postgres container starts on an empty data volume
-- (the image's /docker-entrypoint-initdb.d convention); later starts skip it.
--
-- Each Postgres-backed subgraph owns its own database, so no subgraph can read another's
-- tables by accident. The tables themselves come from the one-shot `migrate` service.
CREATE DATABASE aiwf_workflow;
CREATE DATABASE aiwf_content;

-- content-processing stores chunk embeddings with pgvector. Creating the extension here, as
-- the superuser, makes the content migration's own CREATE EXTENSION IF NOT EXISTS a no-op,
-- so migrations never need superuser rights for it.
\connect aiwf_content
CREATE EXTENSION IF NOT EXISTS vector;
