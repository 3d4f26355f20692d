package dev.baton.codec;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * Encrypts every payload ({@code encrypted}) except the few written for operators to read in the
 * Temporal UI without decoding: the summaries and details of user metadata (the static summary,
 * timer and activity summaries), which the SDK converts one value at a time with {@link
 * #toPayload}, and the workflow metadata query's answer, which carries the current details (the SDK
 * converts it with {@link #toPayload} too; {@link #toPayloads} is covered for other callers). Baton
 * builds all of these from ids and categories only, never from what a customer wrote. Workflow
 * inputs and results, updates, queries, activity arguments and results go through {@link
 * #toPayloads} and stay encrypted.
 */
final class OperatorReadableConverter implements DataConverter {
  private final DataConverter encrypted;
  private final DataConverter plain;

  OperatorReadableConverter(DataConverter encrypted, DataConverter plain) {
    this.encrypted = encrypted;
    this.plain = plain;
  }

  @Override
  public <T> Optional<Payload> toPayload(T value) {
    return value instanceof String || value instanceof WorkflowMetadata ? plain.toPayload(value) : encrypted.toPayload(value);
  }

  @Override
  public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType) {
    return encrypted.fromPayload(payload, valueClass, valueType);
  }

  @Override
  public Optional<Payloads> toPayloads(Object... values) {
    if (values != null && values.length == 1 && values[0] instanceof WorkflowMetadata) {
      return plain.toPayloads(values);
    }
    return encrypted.toPayloads(values);
  }

  @Override
  public <T> T fromPayloads(int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType) {
    return encrypted.fromPayloads(index, content, valueType, valueGenericType);
  }

  @Override
  public RuntimeException failureToException(Failure failure) {
    return encrypted.failureToException(failure);
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable) {
    return encrypted.exceptionToFailure(throwable);
  }

  @Override
  public DataConverter withContext(SerializationContext context) {
    return new OperatorReadableConverter(encrypted.withContext(context), plain.withContext(context));
  }
}
