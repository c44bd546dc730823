package io.itops.chat;

/**
 * A message could not be delivered. Permanent failures (the platform refused it: expired reply URL,
 * unknown user) are logged and dropped; transient ones (timeouts, 5xx, rate limits after our
 * retries) propagate so Lambda retries the event and, in the end, parks it in the DLQ.
 */
final class DeliveryException extends RuntimeException {
    private final boolean permanent;

    DeliveryException(boolean permanent, String message) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
