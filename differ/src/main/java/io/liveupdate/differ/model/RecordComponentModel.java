package io.liveupdate.differ.model;

/** A component of the Record attribute (JVMS §4.7.30); HotSpot compares name, descriptor and signature. */
public record RecordComponentModel(String name, String descriptor, String signature, CanonicalBytes annotations) {}
