package org.neuroloop.deploy.cli;

import org.neuroloop.ingest.lsl.LslImplementation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code wire} or {@code liblsl} on the command line. */
public final class LslImplementationConverter implements ITypeConverter<LslImplementation> {
    @Override
    public LslImplementation convert(String value) {
        try {
            return LslImplementation.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
