package org.neuroloop.lsl4j.wire;

import org.neuroloop.lsl4j.LslException;

/** A peer broke the LSL wire protocol: a bad header, tag, test pattern or a truncated sample. */
public class LslProtocolException extends LslException {
    private static final long serialVersionUID = 1L;

    public LslProtocolException(String message) {
        super(message);
    }

    public LslProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
