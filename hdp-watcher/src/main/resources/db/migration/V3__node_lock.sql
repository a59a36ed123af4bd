-- One row per lock a running node holds with SELECT … FOR UPDATE for its whole life: its own id,
-- and, for an unclustered node, the scheduler, so that a second node on the same database fails
-- at start-up instead of running the same jobs twice.
CREATE TABLE hdp_node_lock (
  name VARCHAR(200) NOT NULL PRIMARY KEY
);
