-- Artifact contents, version 5. ${bytes} is the binary type: BLOB on H2, BYTEA on PostgreSQL (which
-- has no BLOB). A batch's artifact lives here, so that any node of a cluster can read it; the
-- batch's location column then says db:<KIND>. The row and the location are written in one
-- transaction.

CREATE TABLE hdp_artifact (
  batch_id VARCHAR(32) NOT NULL REFERENCES hdp_batch (batch_id),
  kind VARCHAR(24) NOT NULL,
  content ${bytes} NOT NULL,
  sha256 VARCHAR(64) NOT NULL,
  size_bytes BIGINT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (batch_id, kind)
);
