package dev.baton.bot;

import dev.baton.bot.Answers.Answer;
import dev.baton.bot.IntentCatalog.Intent;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.text.CleanText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * A language model behind an OpenAI-compatible chat API (a hosted model, or a local server such
 * as Ollama or vLLM), through Spring AI. It is prompted with the knowledge file: every intent of
 * the catalog with a few of its examples and the answer a support manager wrote for it, so it
 * answers what the team would answer and leaves to people what the team leaves to people. Its
 * reading comes back as structured output ({@link Reading}, by Spring AI's {@link
 * BeanOutputConverter}) and is checked like a webhook's: an intent outside the catalog, a
 * confidence outside 0..1 or a reply that is not clean text refuses the answer whole.
 */
public final class LanguageModelBot implements Bot {
  /** Examples per intent in the prompt: enough to show the intent, few enough to keep it short. */
  private static final int EXAMPLES_PER_INTENT = 3;

  /**
   * What the model returns for one message.
   *
   * @param intent one of the catalog's intents, {@code unknown}, or {@code contact_human_agent}
   * @param confidence how sure it is of the intent, 0..1
   * @param reply what to say to the customer; {@code null} when the knowledge has no answer
   * @param sentiment how the customer feels, -1..1
   * @param resolved the customer said their problem is solved
   * @param wantsPerson the customer asked for a person
   */
  public record Reading(
      String intent, Double confidence, String reply, Double sentiment, Boolean resolved, Boolean wantsPerson) {}

  private final ChatModel model;
  private final BeanOutputConverter<Reading> output = new BeanOutputConverter<>(Reading.class);
  private final String knowledge;
  private final Map<String, Intent> intents = new HashMap<>();
  private final Set<String> allowed = new HashSet<>();
  private final FactExtractor facts = new FactExtractor();

  public LanguageModelBot(ChatModel model, IntentCatalog catalog, Answers answers) {
    this.model = model;
    catalog.intents().forEach(i -> intents.put(i.name(), i));
    allowed.addAll(intents.keySet());
    allowed.add(EscalationPolicy.UNKNOWN_INTENT);
    allowed.add(EscalationPolicy.HUMAN_REQUEST_INTENT);
    this.knowledge = knowledge(catalog, answers);
  }

  /**
   * A chat model at an OpenAI-compatible {@code baseUrl} (".../v1"), answering deterministically
   * (temperature 0) within {@code timeout} per attempt.
   *
   * @param apiKey blank for local servers that ask for none
   */
  public static ChatModel openAiCompatible(
      String baseUrl, String apiKey, String modelName, Duration timeout, int retries) {
    OpenAiChatOptions options =
        OpenAiChatOptions.builder()
            .baseUrl(baseUrl)
            // The client insists on a key; Ollama and vLLM ignore it unless they were given one.
            .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
            .model(modelName)
            .temperature(0.0)
            .timeout(timeout)
            .maxRetries(retries)
            .build();
    return OpenAiChatModel.builder().options(options).build();
  }

  @Override
  public BotTurn respond(BotRequest request) {
    String text = request.text() == null ? "" : request.text();
    List<Fact> found = facts.extract(text);
    Prompt prompt = new Prompt(List.of(new SystemMessage(knowledge), new UserMessage(message(request))));
    ChatResponse response;
    try {
      response = model.call(prompt);
    } catch (RuntimeException e) {
      throw new BotUnavailableException("the model did not answer (" + e.getClass().getSimpleName() + ")", e);
    }
    String said =
        response == null || response.getResult() == null || response.getResult().getOutput() == null
            ? null
            : response.getResult().getOutput().getText();
    if (said == null || said.isBlank()) {
      throw invalid("it returned nothing");
    }
    Reading reading;
    try {
      reading = output.convert(said);
    } catch (RuntimeException e) {
      throw invalid("it did not return the JSON asked for");
    }
    if (reading == null) {
      throw invalid("it did not return the JSON asked for");
    }
    return turn(reading, found);
  }

  private BotTurn turn(Reading reading, List<Fact> found) {
    boolean wantsPerson = Boolean.TRUE.equals(reading.wantsPerson());
    boolean resolved = Boolean.TRUE.equals(reading.resolved());
    String intent = wantsPerson ? EscalationPolicy.HUMAN_REQUEST_INTENT : reading.intent();
    if (intent == null || !allowed.contains(intent)) {
      throw invalid("intent '" + shortened(reading.intent()) + "' is not in the catalog");
    }
    if (reading.confidence() == null || !(reading.confidence() >= 0 && reading.confidence() <= 1)) {
      throw invalid("confidence must be within 0..1, was " + reading.confidence());
    }
    double sentiment = reading.sentiment() == null ? 0 : reading.sentiment();
    if (!(sentiment >= -1 && sentiment <= 1)) {
      throw invalid("sentiment must be within -1..1, was " + reading.sentiment());
    }
    String reply = reading.reply() == null || reading.reply().isBlank() ? null : reading.reply().strip();
    if (reply != null && reply.length() > WebhookBot.MAX_REPLY) {
      throw invalid("the reply is longer than " + WebhookBot.MAX_REPLY + " characters");
    }
    if (reply != null && CleanText.problem(reply) != null) {
      throw invalid("the reply " + CleanText.problem(reply));
    }
    Intent known = intents.get(intent);
    if (resolved && (known == null || !known.resolves() || reply == null)) {
      // Closing a conversation is the one thing the bot does that a person cannot undo in time.
      resolved = false;
    }
    boolean missing = known != null && known.needs() != null && found.stream().noneMatch(f -> f.kind() == known.needs());
    boolean answered =
        reply != null && !wantsPerson && !EscalationPolicy.UNKNOWN_INTENT.equals(intent) && !missing;
    // A request for a person the model flagged is one, however sure it says it is of an intent.
    double confidence = wantsPerson ? 1.0 : reading.confidence();
    return new BotTurn(intent, confidence, sentiment, found, reply, resolved, answered, null);
  }

  private String message(BotRequest request) {
    StringBuilder m = new StringBuilder();
    if (request.previousIntent() != null) {
      m.append("The intent of the customer's previous message was ").append(request.previousIntent()).append(".\n");
    }
    if (request.agentNote() != null) {
      m.append("A support agent handed the conversation back with this note: ").append(request.agentNote()).append('\n');
    }
    m.append("The customer's message:\n\"\"\"\n").append(request.text()).append("\n\"\"\"\n\n");
    m.append(output.getFormat());
    return m.toString();
  }

  private static String knowledge(IntentCatalog catalog, Answers answers) {
    StringBuilder k = new StringBuilder();
    k.append(
        """
        You are the customer-support assistant of an online shop, answering one customer message \
        at a time in a chat. Decide which intent the message has, how sure you are (confidence, a \
        probability from 0 to 1), how the customer feels (sentiment, -1 angry to 1 happy), and \
        what to reply.

        Rules:
        - Reply only with the knowledge below, in the customer's language. Never invent policies, \
        prices, dates or order details. Fill {order}, {amount} and {email} from the message.
        - If the intent needs something the message does not give, reply with the intent's "ask".
        - If the knowledge has no answer for the intent, leave reply null: a person will take over.
        - If the customer asks to talk to a person (not merely mentions one), set wantsPerson true.
        - Set resolved true only when the customer says their problem is solved; never when they \
        say it is not ("still not fixed").
        - If the message fits no intent, use intent "unknown" and ask what they need.

        Intents and answers:
        """);
    for (Intent intent : catalog.intents()) {
      k.append("- ").append(intent.name());
      if (intent.needs() != null) {
        k.append(" (needs ").append(intent.needs().name().toLowerCase().replace('_', ' ')).append(')');
      }
      List<String> examples = new ArrayList<>(intent.examples());
      if (!examples.isEmpty()) {
        k.append(". Examples: ");
        k.append(String.join(" | ", examples.subList(0, Math.min(EXAMPLES_PER_INTENT, examples.size()))));
      }
      Answer answer = answers.of(intent.name());
      if (answer == null) {
        k.append(". No answer: reply null.");
      } else {
        if (answer.ask() != null) {
          k.append(". Ask: ").append(answer.ask().strip());
        }
        if (answer.reply() != null) {
          k.append(". Answer: ").append(answer.reply().strip());
        }
      }
      k.append('\n');
    }
    if (answers.fallback() != null) {
      k.append("- unknown. Answer: ").append(answers.fallback().strip()).append('\n');
    }
    return k.toString();
  }

  /** A model's words in a note: short, and only what clean text allows. */
  private static String shortened(String text) {
    if (text == null) {
      return "null";
    }
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return CleanText.repair(cut);
  }

  private static BotUnavailableException invalid(String why) {
    return new BotUnavailableException("its answer was not usable: " + why);
  }
}
