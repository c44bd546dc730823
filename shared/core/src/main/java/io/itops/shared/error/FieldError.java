package io.itops.shared.error;

/** One invalid input: the field's path as the client wrote it (`purchase.cost`, `query.limit`) and why. */
public record FieldError(String field, String message) {}
