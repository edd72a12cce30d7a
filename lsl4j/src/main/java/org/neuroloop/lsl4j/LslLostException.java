package org.neuroloop.lsl4j;

/** The outlet of an inlet disappeared and the inlet does not recover ({@code lsl_lost_error}). */
public final class LslLostException extends LslException {
    public LslLostException(String message) {
        super(message, LOST, null);
    }
}
