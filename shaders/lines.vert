#version 300 es
// lines.vert: instanced line segments (the cube's edges, the current sum's path), each drawn as
// a screen-space quad of constant pixel width between its two projected end points.
precision highp float;

layout(location = 0) in vec2 a_corner;   // x: 0 at p0, 1 at p1; y: -1..1 across (per vertex)
layout(location = 1) in vec3 a_p0;       // per instance
layout(location = 2) in vec3 a_p1;
layout(location = 3) in vec4 a_color;
layout(location = 4) in float a_width;   // pixels

uniform mat4 u_view;
uniform mat4 u_proj;
uniform vec2 u_viewport;   // pixels
uniform vec2 u_fog;

out vec4 v_color;
out float v_fog;

void main() {
    vec4 e0 = u_view * vec4(a_p0, 1.0);
    vec4 e1 = u_view * vec4(a_p1, 1.0);
    vec4 c0 = u_proj * e0;
    vec4 c1 = u_proj * e1;
    vec2 s0 = c0.xy / c0.w * u_viewport * 0.5;
    vec2 s1 = c1.xy / c1.w * u_viewport * 0.5;
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    vec4 c = mix(c0, c1, a_corner.x);
    c.xy += nrm * a_corner.y * a_width * 0.5 / (u_viewport * 0.5) * c.w;
    v_color = a_color;
    float z = -mix(e0.z, e1.z, a_corner.x);
    v_fog = clamp((z - u_fog.x) / (u_fog.y - u_fog.x), 0.0, 1.0);
    gl_Position = c;
}
