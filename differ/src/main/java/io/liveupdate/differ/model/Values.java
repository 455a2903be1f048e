package io.liveupdate.differ.model;

import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;

/** Canonical encoding of the constant values ASM hands out (ldc operands, bootstrap arguments, annotation values). */
final class Values {
    private Values() {}

    static void encode(CanonicalEncoder out, Object value) {
        if (value == null) {
            out.tag('0');
        } else if (value instanceof String s) {
            out.tag('s').string(s);
        } else if (value instanceof Integer i) {
            out.tag('I').integer(i);
        } else if (value instanceof Long l) {
            out.tag('J').longValue(l);
        } else if (value instanceof Float f) {
            out.tag('F').integer(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.tag('D').longValue(Double.doubleToRawLongBits(d));
        } else if (value instanceof Byte b) {
            out.tag('B').integer(b);
        } else if (value instanceof Character c) {
            out.tag('C').integer(c);
        } else if (value instanceof Short s) {
            out.tag('S').integer(s);
        } else if (value instanceof Boolean b) {
            out.tag('Z').integer(b ? 1 : 0);
        } else if (value instanceof Type t) {
            out.tag('T').integer(t.getSort()).string(t.getDescriptor());
        } else if (value instanceof Handle h) {
            out.tag('H')
                    .integer(h.getTag())
                    .string(h.getOwner())
                    .string(h.getName())
                    .string(h.getDesc())
                    .integer(h.isInterface() ? 1 : 0);
        } else if (value instanceof ConstantDynamic c) {
            out.tag('Y').string(c.getName()).string(c.getDescriptor());
            encode(out, c.getBootstrapMethod());
            out.integer(c.getBootstrapMethodArgumentCount());
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                encode(out, c.getBootstrapMethodArgument(i));
            }
        } else if (value.getClass().isArray()) {
            int length = java.lang.reflect.Array.getLength(value);
            out.tag('[').integer(length);
            for (int i = 0; i < length; i++) {
                encode(out, java.lang.reflect.Array.get(value, i));
            }
        } else {
            throw new IllegalArgumentException(
                    "unexpected constant " + value.getClass().getName());
        }
    }
}
