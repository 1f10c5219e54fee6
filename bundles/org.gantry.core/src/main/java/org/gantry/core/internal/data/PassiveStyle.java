package org.gantry.core.internal.data;

/**
 * Which command asked for a passive data channel; it decides how the reply names the listener
 * (227/127 {@code h,h,h,h,p,p}, 229/129 {@code |||port|}, or a striped list).
 */
public enum PassiveStyle {
    PASV, EPSV, SPAS
}
