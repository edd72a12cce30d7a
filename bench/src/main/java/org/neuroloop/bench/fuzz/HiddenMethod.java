package org.neuroloop.bench.fuzz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A package-private static method of a library, called by reflection: the wire decoders keep their narrow
 * visibility instead of growing public API for the fuzzer. The method's own exception is rethrown unwrapped, so
 * the {@link FuzzContract} judges it and not the reflective wrapper.
 */
final class HiddenMethod {
    private final Method method;

    HiddenMethod(Class<?> owner, String name, Class<?>... parameters) {
        try {
            method = owner.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(owner.getName() + "." + name + " is gone: update the fuzz target", e);
        }
    }

    Object call(Object... arguments) throws Exception {
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
