package dev.baton.store.replies;

import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.TX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Canned replies on a real PostgreSQL with the shipped migrations. */
class CannedReplyStoreTest {
  private final CannedReplyStore store = new CannedReplyStore(JDBC, TX);

  @BeforeEach
  void empty() {
    JDBC.execute("truncate canned_replies");
  }

  @Test
  void aQueuesRepliesAreReplacedWholeAndKeepTheirOrder() {
    store.replace("orders", List.of(new CannedReply("Hello", "Hi {name}!"), new CannedReply("Order", "Looking at {order}.")), "sam");
    store.replace("billing", List.of(new CannedReply("Refund", "Refunds take 5 days.")), "sam");

    assertThat(store.replace("orders", List.of(new CannedReply("Thanks", "Thanks, {name}."), new CannedReply("Hello", "Hi {name}!")), "sam"))
        .extracting(CannedReply::title)
        .containsExactly("Thanks", "Hello");
    assertThat(store.list("billing")).containsExactly(new CannedReply("Refund", "Refunds take 5 days."));
    assertThat(store.list("general")).isEmpty();
    assertThat(store.replace("orders", List.of(), "sam")).isEmpty();
  }
}
