-- A queue's recent pickups (AgentStore: the estimated wait, read on every escalation) walk the
-- newest takeovers instead of sorting every status change ever recorded, which grew with the
-- number of conversations (docs/performance.md).
create index conversation_status_changes_pickups on conversation_status_changes (changed_at desc)
    where to_status = 'AGENT_ACTIVE';
