/** The configured datastores as the pipeline routes and the runner look them up. */
import { openDatastore, type Datastore } from '../../connectors/blob/datastore.js';
import type { SluiceConfig } from '../config.js';

export function configDatastores(config: SluiceConfig): { names(): readonly string[]; open(name: string): Datastore } {
  return {
    names: () => Object.keys(config.datastores),
    open: (name) => openDatastore({ datastore: name }, config),
  };
}
