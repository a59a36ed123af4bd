-- The event watcher's durable position, version 4: where it has read the chain up to (with the
-- block's hash, to notice a reorg), and every request event it has seen. Both are written in the
-- same transaction as the batch the events became, so an event is turned into work exactly once.

CREATE TABLE hdp_chain_cursor (
  cursor_name VARCHAR(200) NOT NULL PRIMARY KEY,
  block_number BIGINT NOT NULL,
  block_hash VARCHAR(66) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE hdp_chain_event (
  tx_hash VARCHAR(66) NOT NULL,
  log_index BIGINT NOT NULL,
  block_number BIGINT NOT NULL,
  block_hash VARCHAR(66) NOT NULL,
  commitment VARCHAR(66) NOT NULL,
  batch_id VARCHAR(32) REFERENCES hdp_batch (batch_id),
  note VARCHAR(400) NOT NULL,
  seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tx_hash, log_index)
);

CREATE INDEX hdp_chain_event_commitment ON hdp_chain_event (commitment);
