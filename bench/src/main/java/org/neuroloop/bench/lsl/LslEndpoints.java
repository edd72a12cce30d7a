package org.neuroloop.bench.lsl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.StreamResolver;

/**
 * One LSL implementation's outlets and inlets, for the benchmarks that compare them: {@code lsl4j}, or
 * {@code liblsl} (1.10 through lsl4j's test-jar binding), which only the child JVM of {@link LiblslPeerProcess}
 * can load: its classpath ({@code bench/target/liblsl-peer}) holds the binding and JNA, which no runtime
 * classpath of NeuroLoop does. The binding is reached by reflection so this module needs nothing of it to compile.
 */
public enum LslEndpoints {
    LSL4J {
        @Override
        public LslOutlet outlet(String name, int channels, double rate) {
            return new StreamOutlet(StreamInfo.create(name, "EEG", channels, rate, ChannelFormat.FLOAT32, name));
        }

        @Override
        public LslInlet inlet(String name) {
            List<StreamInfo> found = StreamResolver.resolveByProp("name", name, 1, 10.0);
            if (found.isEmpty()) {
                throw new IllegalStateException("lsl4j cannot resolve the benchmark's outlet " + name);
            }
            StreamInlet in = new StreamInlet(found.get(0), 360, 0, false);
            in.openStream(10.0);
            return in;
        }
    },
    LIBLSL {
        private static final String BINDING = "org.neuroloop.lsl4j.liblsl.Liblsl";

        @Override
        public LslOutlet outlet(String name, int channels, double rate) {
            return (LslOutlet) call(
                    "outlet",
                    new Class<?>[] {
                        String.class, String.class, int.class, double.class, ChannelFormat.class, String.class
                    },
                    name,
                    "EEG",
                    channels,
                    rate,
                    ChannelFormat.FLOAT32,
                    name);
        }

        @Override
        public LslInlet inlet(String name) {
            LslInlet in = (LslInlet)
                    call("inlet", new Class<?>[] {String.class, boolean.class, double.class}, name, false, 10.0);
            in.open(10.0);
            return in;
        }

        private Object call(String method, Class<?>[] types, Object... args) {
            try {
                Method m = Class.forName(BINDING).getMethod(method, types);
                return m.invoke(null, args);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(
                        "liblsl's binding (lsl4j test-jar) is not on this classpath: liblsl "
                                + "runs only in the benchmark's child JVM",
                        e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("liblsl binding: " + e, e);
            }
        }
    };

    /** A float32 outlet of {@code channels} at {@code rate} Hz, named and source-id'd {@code name}. */
    public abstract LslOutlet outlet(String name, int channels, double rate);

    /** An open inlet on the stream named {@code name}. */
    public abstract LslInlet inlet(String name);

    /** lsl4j or liblsl. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By {@link #label()}. */
    public static LslEndpoints of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
