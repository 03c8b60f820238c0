import { Connection, Model, Schema } from 'mongoose';
import { Generation } from './inbox-generations';

/**
 * The model of one inbox collection in one generation: `{collection}_{generation}`, or the
 * collection itself for the store kept before generations (null).
 */
export function generationModel<T>(connection: Connection, name: string, schema: Schema<T>, collection: string, generation: Generation = null): Model<T> {
  const modelName = generation ? `${name}_${generation}` : name;
  return (connection.models[modelName] as Model<T>) ?? connection.model<T>(modelName, schema, generation ? `${collection}_${generation}` : collection);
}
