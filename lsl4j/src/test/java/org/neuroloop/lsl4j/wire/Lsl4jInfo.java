package org.neuroloop.lsl4j.wire;

import org.neuroloop.lsl4j.StreamInfo;

/** lsl4j's info from a liblsl info's XML, for tests that name liblsl's {@code StreamInfo} class. */
final class Lsl4jInfo {
    private Lsl4jInfo() {}

    static StreamInfo of(String xml) {
        return StreamInfo.fromXml(xml);
    }
}
