package org.neuroloop.ingest.recording;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Turns XML parse errors into exceptions instead of the JDK parser's default of also printing them
 * ({@code [Fatal Error] ...}) to stderr; the reader reports them in its own {@link RecordingFormatException}.
 */
final class SilentXmlErrors implements ErrorHandler {
    static final SilentXmlErrors INSTANCE = new SilentXmlErrors();

    private SilentXmlErrors() {}

    @Override
    public void warning(SAXParseException e) {
        // a warning does not stop the header from being read
    }

    @Override
    public void error(SAXParseException e) throws SAXParseException {
        throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
        throw e;
    }
}
