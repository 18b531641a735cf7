package org.alloc4j.envs;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and overrides configuration records by component name, so that every configuration is
 * listed, saved and overridden the same way ({@code users=8}, {@code powerDbm=10}).
 *
 * <p>Supported component types: {@code int}, {@code long}, {@code double}, {@code boolean},
 * {@code String} and enums. Validation stays in the record's canonical constructor.
 */
public final class ConfigRecords {
    private ConfigRecords() {
    }

    /** The record's components and values, in declaration order. */
    public static Map<String, String> toMap(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), String.valueOf(c.getAccessor().invoke(config)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + config.getClass().getSimpleName(), e);
            }
        }
        return out;
    }

    /**
     * A copy of {@code config} with some components replaced by parsed values.
     *
     * @param owner name used in error messages (for example the environment id)
     * @throws InvalidConfigurationException for an unknown key, an unparsable value, or a value the
     *                                       record's constructor rejects
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R override(String owner, R config, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return config;
        }
        RecordComponent[] comps = config.getClass().getRecordComponents();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < comps.length; i++) {
            position.put(comps[i].getName(), i);
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) {
                args[i] = comps[i].getAccessor().invoke(config);
                types[i] = comps[i].getType();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + config.getClass().getSimpleName(), e);
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Integer i = position.get(e.getKey());
            if (i == null) {
                throw new InvalidConfigurationException(owner + ": unknown parameter '" + e.getKey()
                        + "'; known parameters: " + String.join(", ", toMap(config).keySet()));
            }
            args[i] = parse(owner, e.getKey(), e.getValue().trim(), types[i]);
        }
        try {
            Constructor<?> ctor = config.getClass().getDeclaredConstructor(types);
            return (R) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + config.getClass().getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(String owner, String field, String text, Class<?> type) {
        try {
            if (type == int.class) {
                return Integer.parseInt(text);
            } else if (type == long.class) {
                return Long.parseLong(text);
            } else if (type == double.class) {
                return Double.parseDouble(text);
            } else if (type == boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new NumberFormatException();
                }
                return Boolean.parseBoolean(text);
            } else if (type == String.class) {
                return text;
            } else if (type.isEnum()) {
                return Enum.valueOf((Class) type, text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            }
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(owner, field, "'" + text + "'", "a value of type " + type.getSimpleName());
        }
        throw new IllegalStateException("unsupported configuration type " + type + " for " + field);
    }
}
