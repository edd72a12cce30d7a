package org.neuroloop.ingest.synthetic;

/** Which hand a motor-imagery cue asks for; the event-related desynchronisation is on the opposite hemisphere. */
public enum ImagerySide {
    LEFT,
    RIGHT,
    REST
}
