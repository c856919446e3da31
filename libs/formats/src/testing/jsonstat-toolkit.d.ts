// Types for the parts of jsonstat-toolkit (a third-party JSON-stat reader, used only in tests) that the tests call.
declare module 'jsonstat-toolkit' {
  interface JsonStatToolkitDatum {
    value: number | null;
    status: string | null;
  }
  interface JsonStatToolkitCategory {
    label: string;
    index: number;
  }
  interface JsonStatToolkitDimension {
    label: string;
    id: string[];
    length: number;
    role: string | null;
    Category(id: string): JsonStatToolkitCategory | null;
  }
  interface JsonStatToolkitDataset {
    class: string;
    label: string | null;
    id: string[];
    size: number[];
    length: number;
    n: number;
    updated: string | null;
    note: string[] | null;
    extension: unknown;
    role: Record<string, string[] | null> | null;
    Dimension(id: string): JsonStatToolkitDimension | null;
    Data(selection: Record<string, string>): JsonStatToolkitDatum | null;
  }
  interface JsonStatToolkitRoot {
    class: string | null;
    length: number;
    Dataset(index: number): JsonStatToolkitDataset | null;
  }
  export default function JSONstat(input: object): JsonStatToolkitRoot;
}
