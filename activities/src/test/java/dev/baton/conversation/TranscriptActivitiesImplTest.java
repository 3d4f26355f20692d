package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.baton.store.StoreWatch;
import dev.baton.store.conversation.ConversationStore;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** While the store is down, a turn's transcript write fails at once and the conversation keeps the lines. */
class TranscriptActivitiesImplTest {
  private final ConversationStore store = mock(ConversationStore.class);
  private final TranscriptActivitiesImpl transcript = new TranscriptActivitiesImpl(store, new StoreWatch(Duration.ofMillis(300)));
  private final TranscriptEntry entry = new TranscriptEntry(null, List.of(), null);

  @Test
  void afterAFailedWriteTheNextOnesFailAtOnceUntilOneFindsTheStoreBack() throws Exception {
    doThrow(new DataAccessResourceFailureException("refused")).when(store).record(any());
    assertThatThrownBy(() -> transcript.record(entry, true)).isInstanceOf(DataAccessResourceFailureException.class);

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> transcript.record(entry, true))
          .isInstanceOf(ApplicationFailure.class)
          .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ApplicationFailure) e).getType()).isEqualTo(TranscriptActivities.STORE_DOWN));
    }
    verify(store, times(1)).record(any());

    Thread.sleep(350);
    doNothing().when(store).record(any());
    transcript.record(entry, true);
    transcript.record(entry, true);
    verify(store, times(3)).record(any());
  }

  @Test
  void aSlowWriteOfARunFromBeforeAlwaysTriesTheStoreAndItsSuccessEndsTheOutage() {
    doThrow(new DataAccessResourceFailureException("refused")).when(store).record(any());
    assertThatThrownBy(() -> transcript.record(entry, true)).isInstanceOf(DataAccessResourceFailureException.class);
    assertThatThrownBy(() -> transcript.record(entry, false)).isInstanceOf(DataAccessResourceFailureException.class);
    doNothing().when(store).record(any());

    transcript.record(entry, false);
    transcript.record(entry, true);

    verify(store, times(4)).record(any());
  }
}
