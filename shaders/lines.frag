#version 300 es
// lines.frag: flat colour, faded with distance like the points.
precision mediump float;

in vec4 v_color;
in float v_fog;

uniform vec3 u_background;

out vec4 frag_color;

void main() {
    frag_color = vec4(mix(v_color.rgb, u_background, v_fog * 0.6), v_color.a);
}
