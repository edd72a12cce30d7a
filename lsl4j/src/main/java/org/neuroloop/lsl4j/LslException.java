package org.neuroloop.lsl4j;

/** An LSL operation failed (codes as liblsl's {@code lsl_error_code_t}). */
public class LslException extends RuntimeException {
    /** liblsl error code ({@code lsl_error_code_t}), or 0 when the failure is ours. */
    private final int errorCode;

    public LslException(String message) {
        this(message, 0, null);
    }

    public LslException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public LslException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /** {@code lsl_timeout_error}: the operation did not complete in time. */
    public static final int TIMEOUT = -1;
    /** {@code lsl_lost_error}: the stream source has been lost. */
    public static final int LOST = -2;
    /** {@code lsl_argument_error}. */
    public static final int ARGUMENT = -3;
    /** {@code lsl_internal_error}. */
    public static final int INTERNAL = -4;

    /**
     * Throws the matching exception for a non-zero liblsl error code. The message is built only on failure, so the
     * hot paths do not allocate: {@code operation + " " + subject}.
     */
    public static void check(int ec, String operation, String subject) {
        if (ec != 0) {
            check(ec, operation + " " + subject);
        }
    }

    /** Throws the matching exception for a non-zero liblsl error code. */
    public static void check(int ec, String what) {
        if (ec == 0) {
            return;
        }
        switch (ec) {
            case TIMEOUT -> throw new LslTimeoutException(what + ": timed out");
            case LOST -> throw new LslLostException(what + ": stream source lost");
            case ARGUMENT -> throw new LslException(what + ": invalid argument (lsl_argument_error)", ec, null);
            case INTERNAL -> throw new LslException(what + ": liblsl internal error", ec, null);
            default -> throw new LslException(what + ": liblsl error code " + ec, ec, null);
        }
    }
}
