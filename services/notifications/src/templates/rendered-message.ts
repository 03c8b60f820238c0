export interface RenderedMessage {
  title: string;
  body: string;
}
