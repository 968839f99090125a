{{/* Name of the chart, used as app.kubernetes.io/name. */}}
{{- define "gym.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every object: the release name, plus the chart name unless it is already in it. */}}
{{- define "gym.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "gym.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "gym.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: gym-platform
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of every pod of the release. */}}
{{- define "gym.releaseSelector" -}}
app.kubernetes.io/name: {{ include "gym.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector of one process's pods; call with (dict "root" $ "name" $name). */}}
{{- define "gym.selectorLabels" -}}
{{ include "gym.releaseSelector" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Object name of one process; call with (dict "root" $ "name" $name). */}}
{{- define "gym.componentName" -}}
{{- printf "%s-%s" (include "gym.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Merges the map .src into the map .dst in place, key by key. Unlike sprig's mergeOverwrite, a
false, zero or empty value in .src replaces the one in .dst (mergeOverwrite keeps `enabled: true`
of the defaults when a service sets `enabled: false`).
*/}}
{{- define "gym.deepMerge" -}}
{{- range $key, $value := .src }}
{{- $current := get $.dst $key }}
{{- if and (kindIs "map" $value) (kindIs "map" $current) }}
{{- $_ := include "gym.deepMerge" (dict "dst" $current "src" $value) }}
{{- else }}
{{- $_ := set $.dst $key $value }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Settings of one process: serviceDefaults overridden by its entry under services, as YAML.
Call with (dict "root" $ "name" $name) and read it back with fromYaml.
*/}}
{{- define "gym.service" -}}
{{- $merged := deepCopy .root.Values.serviceDefaults -}}
{{- $entry := index .root.Values.services .name | default dict -}}
{{- $_ := include "gym.deepMerge" (dict "dst" $merged "src" (deepCopy $entry)) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* Image of one process; call with (dict "root" $ "name" $name). */}}
{{- define "gym.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- $default := printf "%s/%s%s:%s" .root.Values.image.registry .root.Values.image.repositoryPrefix .name $tag -}}
{{- get .root.Values.image.overrides .name | default $default -}}
{{- end -}}

{{/* Name of the Secret with the shared secrets. */}}
{{- define "gym.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "gym.fullname" .)) -}}
{{- end -}}

{{/* Name of the Secret with identity's signing keys. */}}
{{- define "gym.signingKeysSecretName" -}}
{{- .Values.secrets.signingKeysSecret | default (printf "%s-signing-keys" (include "gym.fullname" .)) -}}
{{- end -}}

{{/* Addresses of the processes, as <NAME>_URL variables, plus identity's JWKS_URL. */}}
{{- define "gym.serviceUrls" -}}
{{- range $name, $entry := .Values.services }}
{{- $svc := include "gym.service" (dict "root" $ "name" $name) | fromYaml }}
{{- if and $svc.enabled (ne $name "gateway") }}
{{ printf "%s_URL" (upper $name) }}: {{ printf "http://%s:%v" (include "gym.componentName" (dict "root" $ "name" $name)) $svc.port | quote }}
{{- end }}
{{- end }}
JWKS_URL: {{ printf "http://%s:%v/.well-known/jwks.json" (include "gym.componentName" (dict "root" . "name" "identity")) .Values.services.identity.port | quote }}
{{- end -}}

{{/* Hash of the rendered configuration, so that a change rolls the pods. */}}
{{- define "gym.configChecksum" -}}
{{- include (print .Template.BasePath "/configmap.yaml") . | sha256sum -}}
{{- end -}}

{{/* Hash of the rendered secrets, so that a change rolls the pods. */}}
{{- define "gym.secretChecksum" -}}
{{- include (print .Template.BasePath "/secret.yaml") . | sha256sum -}}
{{- end -}}

{{/* Volume of a writable /tmp, as the root filesystem is read-only. */}}
{{- define "gym.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end -}}
