-- The conversation list (GET /api/v1/conversations) pages newest first by (created_at, conversation_id).
create index conversations_started on conversations (created_at desc, conversation_id desc);
-- "held by agent X" and "in queue Q" filters.
create index conversations_agent on conversations (assigned_agent, created_at desc) where assigned_agent is not null;
create index conversations_queue on conversations (queue, created_at desc) where queue is not null;
