package org.neuroloop.lsl4j;

/**
 * The child process of {@link LoopbackSafetyTest}: prints which config it runs on and, given a stream name, whether
 * an outlet of that name is found.
 */
public final class ConfigProbe {
    private ConfigProbe() {}

    public static void main(String[] args) {
        LslConfig cfg = LslConfig.current();
        System.out.println("SOURCE " + (cfg.source() == null ? "built-in" : cfg.source()));
        System.out.println("LOOPBACK " + cfg.loopbackOnly());
        if (!args[0].equals("-")) {
            try (StreamOutlet out =
                    new StreamOutlet(StreamInfo.create(args[0], "EEG", 1, 10, ChannelFormat.FLOAT32, args[0]))) {
                System.out.println("FOUND "
                        + StreamResolver.resolveByProp("name", args[0], 1, 10.0).size());
            }
        }
        System.exit(0);
    }
}
