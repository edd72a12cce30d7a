package org.neuroloop.lsl4j.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Decides whether a resolver query matches a stream: the query is an XPath 1.0 predicate over the {@code <info>}
 * element (e.g. {@code session_id='default' and name='EEG'}), and it matches when {@code /info[<query>]} selects
 * the root (liblsl's {@code stream_info_impl::matches_query}). An invalid query matches nothing and is logged at
 * debug. Results are cached per query text (the document never changes; resolvers repeat the same query every
 * wave). Thread-safe.
 */
final class InfoQueryMatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InfoQueryMatcher.class);
    private static final int CACHE_SIZE = 64;

    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();
    private final Map<String, Boolean> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    InfoQueryMatcher(Document document) {
        this.document = document;
    }

    /** Whether the predicate {@code query} holds for this stream's {@code <info>}. */
    synchronized boolean matches(String query) {
        Boolean known = cache.get(query);
        if (known != null) {
            return known;
        }
        boolean result;
        try {
            NodeList hits = (NodeList) xpath.evaluate("/info[" + query + "]", document, XPathConstants.NODESET);
            result = hits.getLength() > 0;
        } catch (XPathExpressionException | RuntimeException e) {
            LOG.debug("ignoring invalid LSL query '{}': {}", query, e.toString());
            result = false;
        }
        cache.put(query, result);
        return result;
    }
}
