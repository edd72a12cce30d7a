package org.neuroloop.lsl4j;

/** A liblsl operation did not complete within its timeout ({@code lsl_timeout_error}). */
public final class LslTimeoutException extends LslException {
    public LslTimeoutException(String message) {
        super(message, TIMEOUT, null);
    }
}
