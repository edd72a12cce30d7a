package org.neuroloop.deploy.job;

/** The outputs a session config names, attached to the job's stimulation commands. */
final class ConfiguredOutputs implements JobOutputs {
    private final SessionConfig config;
    private final ConfigValidator validator;

    private ConfiguredOutputs(SessionConfig config, ConfigValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    static ConfiguredOutputs of(SessionConfig config, ConfigValidator validator) {
        return new ConfiguredOutputs(config, validator);
    }

    @Override
    public void attach(SessionStreams streams) {
        for (int i = 0; i < config.outputs().size(); i++) {
            OutputSpec o = config.outputs().get(i);
            throw new ConfigException(null, "outputs[" + i + "]." + o.kind(), o.kind() + " outputs are not wired into the job yet");
        }
    }
}
