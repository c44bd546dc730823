package io.itops.shared.aws;

/** Told of every AWS operation a client starts (once per call, not per retry); tests count them. */
@FunctionalInterface
public interface AwsCalls {
    AwsCalls NONE = (service, operation) -> {};

    void called(String service, String operation);
}
