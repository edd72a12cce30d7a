package org.neuroloop.deploy.config;

/**
 * The job's LSL settings, as written in YAML ({@code lsl: {config: lab_lsl_api.cfg}}).
 *
 * @param config an {@code lsl_api.cfg} used by every LSL source and output of the job instead of the settings of the
 *               process it runs in; relative to the config file's folder; null = the process's
 */
public record LslSpec(String config) {}
