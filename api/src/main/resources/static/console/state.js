// What the console's parts share: the agent and the open conversation, and how a stream's state
// shows.

export const state = {
  /** {agentId, name, queues, maxConcurrent, status} once the agent set their presence. */
  agent: null,
  /** {conversationId, status, assignedAgent, stop} of the conversation on screen. */
  current: null,
};

export const path = (id) => `/conversations/${encodeURIComponent(id)}`;

/** Whether this agent holds the conversation on screen: only then may they write in it. */
export const holding = () =>
  Boolean(state.current && state.agent && state.current.status === 'AGENT_ACTIVE' && state.current.assignedAgent === state.agent.agentId);

/** A stream's state: true live, false reconnecting, null ended. */
export function live(indicator, on) {
  indicator.className = on === null ? 'live' : `live ${on ? 'on' : 'off'}`;
  indicator.textContent = on === null ? 'ended' : on ? 'live' : 'reconnecting';
}
