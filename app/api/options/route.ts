import { guardLookupRequest } from "@/lib/abuse/guard-lookup";
import { handle, json } from "@/lib/http/handle";
import { readQuery } from "@/lib/http/read-query";
import { OptionsQuerySchema } from "@/lib/ramp/options-query";
import { getRampOptions } from "@/lib/ramp/ramp-options";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function GET(request: Request) {
  return handle(request, async () => {
    await guardLookupRequest(request);
    const { side, ...region } = readQuery(request, OptionsQuerySchema);
    return json(await getRampOptions(side, region));
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
