#version 300 es
// points.vert: the hidden-state cloud, one instance per point, drawn as a camera-facing quad
// (a_corner) around its centre; perspective makes far points smaller (a depth cue).
precision highp float;

layout(location = 0) in vec2 a_corner;   // quad corner, -1..1 (per vertex)
layout(location = 1) in vec3 a_center;   // point position in the cube (per instance)
layout(location = 2) in vec3 a_color;    // adder-node colour (per instance)

uniform mat4 u_view;
uniform mat4 u_proj;
uniform float u_radius;    // world units
uniform vec2 u_fog;        // eye distances where fog starts and ends

out vec2 v_corner;
out vec3 v_color;
out float v_fog;

void main() {
    vec4 eye = u_view * vec4(a_center, 1.0);
    eye.xy += a_corner * u_radius;
    v_corner = a_corner;
    v_color = a_color;
    v_fog = clamp((-eye.z - u_fog.x) / (u_fog.y - u_fog.x), 0.0, 1.0);
    gl_Position = u_proj * eye;
}
