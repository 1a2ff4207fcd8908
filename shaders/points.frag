#version 300 es
// points.frag: each quad becomes a small shaded sphere (discarded outside the disc), fading
// towards the background with distance (fog: the second depth cue).
precision mediump float;

in vec2 v_corner;
in vec3 v_color;
in float v_fog;

uniform vec3 u_background;

out vec4 frag_color;

void main() {
    float r2 = dot(v_corner, v_corner);
    if (r2 > 1.0) discard;
    vec3 n = vec3(v_corner, sqrt(1.0 - r2));
    float diffuse = max(dot(n, normalize(vec3(-0.4, 0.5, 0.8))), 0.0);
    float spec = pow(max(dot(n, normalize(vec3(-0.2, 0.3, 1.0))), 0.0), 24.0);
    vec3 c = v_color * (0.35 + 0.65 * diffuse) + vec3(0.35) * spec;
    c = mix(c, u_background, v_fog * 0.5);
    frag_color = vec4(c, 1.0);
}
