package org.neuroloop.lsl4j.liblsl;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * liblsl's endpoints made without naming their classes, for tests that use lsl4j's {@code StreamInfo},
 * {@code StreamOutlet}, ... beside them (declare the results with {@code var}).
 */
public final class Liblsl {
    private Liblsl() {}

    /** A liblsl outlet; {@code manufacturer} and {@code labels} go into its desc when not null. */
    public static StreamOutlet outlet(
            String name,
            String type,
            int channels,
            double rate,
            ChannelFormat format,
            String sourceId,
            String manufacturer,
            List<String> labels) {
        try (StreamInfo info = StreamInfo.create(name, type, channels, rate, format, sourceId)) {
            if (manufacturer != null) {
                info.desc().appendChildValue("manufacturer", manufacturer);
            }
            if (labels != null) {
                info.setChannels(labels, labels.stream().map(l -> "uV").toList(), "EEG");
            }
            return new StreamOutlet(info);
        }
    }

    public static StreamOutlet outlet(
            String name, String type, int channels, double rate, ChannelFormat format, String sourceId) {
        return outlet(name, type, channels, rate, format, sourceId, null, null);
    }

    /** The names of the streams liblsl's resolver finds for an XPath predicate, waiting the whole time. */
    public static List<String> resolveNames(String predicate, double waitSeconds) {
        List<StreamInfo> found = StreamResolver.resolveByPredicate(predicate, Integer.MAX_VALUE / 2, waitSeconds);
        try {
            List<String> names = new ArrayList<>();
            for (StreamInfo i : found) {
                names.add(i.name());
            }
            return names;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    /** The info XML of every stream liblsl's resolver finds for a predicate, waiting the whole time. */
    public static List<String> resolveXml(String predicate, double waitSeconds) {
        List<StreamInfo> found = StreamResolver.resolveByPredicate(predicate, Integer.MAX_VALUE / 2, waitSeconds);
        try {
            List<String> xml = new ArrayList<>();
            for (StreamInfo i : found) {
                xml.add(i.toXml());
            }
            return xml;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    /** A liblsl inlet on the one stream named {@code name}. */
    public static StreamInlet inlet(String name, boolean recover, double timeoutSeconds) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, timeoutSeconds);
        try {
            if (found.size() != 1) {
                throw new IllegalStateException("liblsl found " + found.size() + " streams named " + name);
            }
            return new StreamInlet(found.get(0), 360, 0, recover);
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    /** A subscribed, non-recovering liblsl inlet with a 10 s buffer on the one stream with {@code sourceId}. */
    public static StreamInlet openInlet(String sourceId) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("source_id", sourceId, 1, 10.0);
        try {
            if (found.size() != 1) {
                throw new IllegalStateException("liblsl found " + found.size() + " streams with source_id " + sourceId);
            }
            StreamInlet in = new StreamInlet(found.get(0), 10, 0, false);
            in.open(10.0);
            return in;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    public static double localClock() {
        return Lsl.localClock();
    }
}
