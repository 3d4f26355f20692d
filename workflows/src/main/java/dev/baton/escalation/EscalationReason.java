package dev.baton.escalation;

/** Why a conversation went to a person. One category per escalation; the detail says more. */
public enum EscalationReason {
  /** The customer asked for a person. Always honoured at once. */
  CUSTOMER_REQUEST,
  /**
   * The bot recognised the request but has no answer for it, or the customer asked again and
   * again about things outside what it covers.
   */
  CAPABILITY_GAP,
  /** The bot stayed unsure after its clarifying questions. */
  CONFIDENCE_GAP,
  /** A sensitive intent: disputes, account access, security, deletion, legal. */
  RISK_OR_COMPLIANCE,
  /** The customer is upset: negative sentiment, profanity, or repeating themselves. */
  USER_DISTRESS,
  /** Money above the limit is at stake. */
  HIGH_VALUE,
  /** The bot made no progress for too long or too many turns. */
  ELAPSED_TIME,
  /** Baton itself failed (the bot kept failing); a person takes over rather than nobody. */
  WORKFLOW_EXCEPTION,
  /** The customer complains: people hear it out (before the shared catalogue, RISK_OR_COMPLIANCE). */
  COMPLAINT
}
