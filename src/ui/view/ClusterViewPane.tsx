// Placeholder: the d3 cluster view and its text twin are built here.
import { useLab } from '../../state/labStore.ts';

export function ClusterViewPane() {
  const pods = useLab((s) => s.snapshot.pods);
  return (
    <ul className="pane-body">
      {pods.map((p) => (
        <li key={p.key}>
          {p.name} {p.ready} {p.status}
        </li>
      ))}
    </ul>
  );
}
