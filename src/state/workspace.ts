// The workspace: the student's YAML files. The store holds them; the editor shows them.

export interface WorkspaceFile {
  name: string;
  text: string;
  /**
   * A live object opened by `kubectl edit` (`deployment/web`) and the YAML it was opened with:
   * Apply sends what the student changed as a merge patch, as kubectl edit does on save.
   */
  editOf?: { target: string; base: string };
}

/** What a new lab opens with: one small, commented manifest to apply straight away. */
export const STARTER_FILES: WorkspaceFile[] = [
  {
    name: 'pod.yaml',
    text: `# A pod with one nginx container. Press Apply (Ctrl+Enter), then watch it start.
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
];

/** Is this a file name the workspace accepts? */
export function validFileName(name: string): boolean {
  return /^[\w.-]+$/.test(name) && name !== '.' && name !== '..';
}
