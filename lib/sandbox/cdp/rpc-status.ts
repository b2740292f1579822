import "server-only";

/** Coinbase's CDP error shape (google.rpc.Status), with gRPC code numbers. */
export function rpcStatus(httpStatus: number, message: string): Response {
  const grpcCode: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 429: 8, 500: 13 };
  return Response.json(
    { code: grpcCode[httpStatus] ?? 2, message, details: [] },
    { status: httpStatus },
  );
}
